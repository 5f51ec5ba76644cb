using System.Runtime.InteropServices;
using NewsApi.Hosting;

namespace NewsApi.Tests.Hosting;

public sealed class NativeHeapTests
{
    [Fact]
    public void GlibcTakesTheFixedMmapThreshold()
    {
        var glibc = OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);
        Assert.SkipUnless(glibc, "The setting is glibc's.");

        Assert.True(NativeHeap.GiveFreedMemoryBack());
    }
}
