using System.Linq.Expressions;
using System.Reflection;

namespace NewsApi.Data;

/// <summary>
/// Expression trees that depend on the reader's clock, written once with the time as a lambda parameter and given
/// each query's time here. A lambda the compiler turns into an expression tree is rebuilt on every call, and every
/// property it reads costs a reflection lookup (<c>Expression.Property</c> by getter scans the type's properties):
/// for the article projections and the visibility filter that was about 60 KB of garbage per list request. The time
/// goes in as a field of a small closure object, which EF turns into a query parameter exactly as it does the
/// compiler's own closures, so every request shares one cached query.
/// </summary>
public static class QueryTime
{
    public static Expression<Func<T, TResult>> Bind<T, TResult>(Expression<Func<T, DateTime, TResult>> template, DateTime now)
    {
        var time = Expression.Field(Expression.Constant(new Closure(now)), Closure.ValueField);
        var body = new ParameterSubstitution([template.Parameters[1]], [time]).Visit(template.Body);
        return Expression.Lambda<Func<T, TResult>>(body, template.Parameters[0]);
    }

    private sealed class Closure(DateTime value)
    {
        public static readonly FieldInfo ValueField = typeof(Closure).GetField(nameof(Value))!;

        public readonly DateTime Value = value;
    }

}

/// <summary>An expression with each of these lambda parameters replaced by the expression given for it.</summary>
internal sealed class ParameterSubstitution(IReadOnlyList<ParameterExpression> parameters, IReadOnlyList<Expression> replacements)
    : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] == node)
            {
                return replacements[i];
            }
        }
        return node;
    }
}
