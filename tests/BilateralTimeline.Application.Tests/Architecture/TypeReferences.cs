using System.Reflection;
using System.Reflection.Emit;

namespace BilateralTimeline.Application.Tests.Architecture;

/// <summary>
/// Every type a compiled type touches: its signatures (base, interfaces, fields, properties, method
/// and constructor parameters, generic arguments) and the tokens in its method bodies' IL, so a call
/// or a `new` hidden inside a method counts as much as a using at the top of the file. Compiler-made
/// nested types (closures, async state machines) are separate types and are visited on their own.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IEnumerable<Type> Of(Type type)
    {
        var found = new List<Type?> { type.BaseType };
        found.AddRange(type.GetInterfaces());
        foreach (var field in type.GetFields(Declared))
        {
            found.Add(field.FieldType);
        }
        foreach (var property in type.GetProperties(Declared))
        {
            found.Add(property.PropertyType);
        }
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                found.Add(info.ReturnType);
            }
            found.AddRange(method.GetParameters().Select(p => p.ParameterType));
            found.AddRange(InBody(method));
        }
        return found.OfType<Type>().SelectMany(Unwrap).Distinct();
    }

    /// <summary>The type itself, its element type and its generic arguments, recursively.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrap(type.GetElementType()!);
        }
        if (type.IsGenericParameter)
        {
            return [];
        }
        return type.IsGenericType ? [type, .. type.GetGenericArguments().SelectMany(Unwrap)] : [type];
    }

    private static IEnumerable<Type> InBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return [];
        }
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var found = new List<Type>();
        var at = 0;
        while (at < il.Length)
        {
            var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
            at += code.Size;
            if (code.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                found.AddRange(member switch
                {
                    Type t => [t],
                    FieldInfo f => [f.DeclaringType!, f.FieldType],
                    MethodInfo m => [m.DeclaringType!, m.ReturnType, .. m.GetParameters().Select(p => p.ParameterType), .. m.IsGenericMethod ? m.GetGenericArguments() : []],
                    ConstructorInfo c => [c.DeclaringType!],
                    _ => [],
                });
            }
            at += OperandSize(code, il, at);
        }
        return found;
    }

    /// <summary>Every string literal the type's method bodies load (interpolated strings' literal parts and inlined constants included).</summary>
    public static IEnumerable<string> Strings(Type type)
    {
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)).Concat(type.TypeInitializer is { } init ? [init] : []))
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null)
            {
                continue;
            }
            var at = 0;
            while (at < il.Length)
            {
                var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
                at += code.Size;
                if (code.OperandType == OperandType.InlineString)
                {
                    yield return method.Module.ResolveString(BitConverter.ToInt32(il, at));
                }
                at += OperandSize(code, il, at);
            }
        }
    }

    private static int OperandSize(OpCode code, byte[] il, int at) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
