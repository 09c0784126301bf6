namespace Modgate.Policy;

/// <summary>Module names as the kernel and modprobe compare them: '-' and '_' are the same character.</summary>
public static class ModuleName
{
    public static string Normalize(string name) => name.Replace('-', '_');

    /// <summary>Normalizes a module glob: '-' becomes '_' except where it is a range inside <c>[...]</c>.</summary>
    public static string NormalizePattern(string pattern)
    {
        if (!pattern.Contains('[')) return Normalize(pattern);
        var chars = pattern.ToCharArray();
        var inBracket = false;
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '[' && !inBracket) { inBracket = true; continue; }
            if (chars[i] == ']' && inBracket) { inBracket = false; continue; }
            var isRange = inBracket && i > 0 && chars[i - 1] != '[' && i + 1 < chars.Length && chars[i + 1] != ']';
            if (chars[i] == '-' && !isRange) chars[i] = '_';
        }
        return new string(chars);
    }
}
