using System.Linq.Expressions;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Sources;

namespace NewsApi.Articles;

/// <summary>
/// Stand-ins for the shared article expressions inside a query's source, replaced by <see cref="Expand{TDelegate}"/>
/// before EF sees them. A compiled query (<c>EF.CompileAsyncQuery</c>) takes one lambda and cannot call a method that
/// returns an expression, so the rule and the projection are written once and spliced in where they are used.
/// </summary>
internal static class QueryTemplates
{
    /// <summary>Stands for <see cref="ArticleVisibility.PublicTemplate"/>.</summary>
    public static bool IsPublic(Article article, DateTime now) => throw new InvalidOperationException("Only for inlining.");

    /// <summary>Stands for <see cref="ArticleVisibility.ScheduledTemplate"/>.</summary>
    public static bool IsScheduled(Article article, DateTime now) => throw new InvalidOperationException("Only for inlining.");

    /// <summary>Stands for <see cref="ArticleRows.ResponseTemplate"/>.</summary>
    public static ArticleResponse Response(Article article, DateTime now) => throw new InvalidOperationException("Only for inlining.");

    /// <summary>Stands for <see cref="ArticleRows.FeaturedImageTemplate"/>.</summary>
    public static ArticleImage? FeaturedImage(Article article) => throw new InvalidOperationException("Only for inlining.");

    /// <summary>Stands for <see cref="ArticleRows.SourceTemplate"/>.</summary>
    public static SourceSummary? Source(Article article) => throw new InvalidOperationException("Only for inlining.");

    /// <summary>The query with the stand-ins replaced by the expressions they stand for.</summary>
    public static Expression<TDelegate> Expand<TDelegate>(Expression<TDelegate> query) =>
        Expression.Lambda<TDelegate>(new Inliner().Visit(query.Body), query.Parameters);

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(QueryTemplates))
            {
                return base.VisitMethodCall(node);
            }
            LambdaExpression template = node.Method.Name switch
            {
                nameof(IsPublic) => ArticleVisibility.PublicTemplate,
                nameof(IsScheduled) => ArticleVisibility.ScheduledTemplate,
                nameof(Response) => ArticleRows.ResponseTemplate,
                nameof(FeaturedImage) => ArticleRows.FeaturedImageTemplate,
                nameof(Source) => ArticleRows.SourceTemplate,
                _ => throw new InvalidOperationException($"No template for {node.Method.Name}."),
            };
            var arguments = node.Arguments.Select(Visit).ToList();
            return new ParameterSubstitution(template.Parameters, arguments!).Visit(template.Body);
        }
    }
}
