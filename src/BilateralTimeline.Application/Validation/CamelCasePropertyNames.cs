using System.Linq.Expressions;
using System.Reflection;

namespace BilateralTimeline.Application.Validation;

/// <summary>Field paths in errors use the JSON names users typed (claims[2].confidence), not C# names.</summary>
internal static class CamelCasePropertyNames
{
    public static string? Resolve(Type type, MemberInfo? member, LambdaExpression? expression)
    {
        var name = member?.Name ?? (expression?.Body as MemberExpression)?.Member.Name;
        return string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
