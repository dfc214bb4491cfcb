using System.Reflection;
using System.Reflection.Emit;

namespace ReleaseBot.Tests.Architecture;

/// <summary>
/// Which types each type of the bot's assembly uses, read from the compiled assembly: base types, interfaces,
/// fields, properties, method signatures, attributes and every type, method or field that method bodies name
/// (the IL's tokens, resolved). Nested and compiler-generated types (lambdas, async state machines) count for the
/// type that declares them.
/// </summary>
public static class FolderReferences
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The outermost declaring type: what a nested or generated type belongs to.</summary>
    public static Type Owner(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    /// <summary>Every type that <paramref name="type"/> (with its nested types) uses.</summary>
    public static IEnumerable<Type> UsedBy(Type type)
    {
        var used = new HashSet<Type>();
        foreach (var t in WithNested(type)) Collect(t, used);
        return used.SelectMany(Unwrap).Distinct();
    }

    private static IEnumerable<Type> WithNested(Type type) => [type, .. type.GetNestedTypes(Everything).SelectMany(WithNested)];

    private static void Collect(Type type, HashSet<Type> used)
    {
        if (type.BaseType is { } baseType) used.Add(baseType);
        used.UnionWith(type.GetInterfaces());
        used.UnionWith(type.GetCustomAttributesData().Select(a => a.AttributeType));
        foreach (var field in type.GetFields(Everything)) used.Add(field.FieldType);
        foreach (var property in type.GetProperties(Everything)) used.Add(property.PropertyType);
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info) used.Add(info.ReturnType);
            used.UnionWith(method.GetParameters().Select(p => p.ParameterType));
            used.UnionWith(method.GetCustomAttributesData().Select(a => a.AttributeType));
            if (method.GetMethodBody() is { } body)
            {
                used.UnionWith(body.LocalVariables.Select(l => l.LocalType));
                foreach (var member in Tokens(method, body.GetILAsByteArray() ?? [])) used.UnionWith(TypesOf(member));
            }
        }
    }

    /// <summary>The members that the IL of a method names.</summary>
    private static IEnumerable<MemberInfo> Tokens(MethodBase method, byte[] il)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    yield return method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments)!;
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }

    private static IEnumerable<Type> TypesOf(MemberInfo member) => member switch
    {
        Type type => [type],
        MethodInfo method => [method.DeclaringType!, method.ReturnType, .. method.GetParameters().Select(p => p.ParameterType),
            .. method.IsGenericMethod ? method.GetGenericArguments() : []],
        ConstructorInfo constructor => [constructor.DeclaringType!],
        FieldInfo field => [field.DeclaringType!, field.FieldType],
        _ => [],
    };

    /// <summary>A type and what it is made of: element types and generic arguments.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.IsGenericParameter) return [];
        if (type.HasElementType) return Unwrap(type.GetElementType()!);
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
            return [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Unwrap)];
        return [type];
    }
}
