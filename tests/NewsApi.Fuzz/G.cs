using CsCheck;

namespace NewsApi.Fuzz;

/// <summary>CsCheck's choices over generators, typed so they are never mistaken for choices over constant values.</summary>
public static class G
{
    public static Gen<T> Frequency<T>(params (int Weight, Gen<T> Gen)[] choices) =>
        Gen.Frequency(choices.Select(c => (c.Weight, (IGen<T>)c.Gen)).ToArray());

    public static Gen<T> OneOf<T>(params Gen<T>[] choices) => Gen.OneOf(choices.Select(c => (IGen<T>)c).ToArray());

    public static Gen<T> Null<T>() where T : class => Gen.Const(() => (T?)null)!;
}
