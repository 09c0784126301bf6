using System.Text;

namespace Modgate.Kernel.Tests;

/// <summary>
/// The request strings the differential test feeds to both resolvers: every alias of the tree as written,
/// one concrete instance of every wildcard alias, every symbol alias, every module and built-in name (also
/// with dashes), and generated request strings of the kernel's own families.
/// </summary>
internal static class DifferentialRequests
{
    public static List<string> Build(ModuleTree tree)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var a in tree.Aliases.Concat(tree.BuiltinAliases))
        {
            set.Add(a.Pattern);
            set.Add(Instantiate(a.Pattern));
        }
        foreach (var s in tree.Symbols) set.Add(s.Pattern);
        foreach (var name in tree.Modules.Select(m => m.Name).Concat(tree.Builtin))
        {
            set.Add(name);
            set.Add(name.Replace('_', '-'));
        }
        foreach (var r in Generated(tree)) set.Add(r);
        set.Remove("");
        return [.. set];
    }

    public static IEnumerable<string> Generated(ModuleTree tree)
    {
        for (var pf = 0; pf <= 45; pf++)
        {
            yield return $"net-pf-{pf}";
            for (var proto = 0; proto <= 40; proto++) yield return $"net-pf-{pf}-proto-{proto}";
            foreach (var proto in new[] { 47, 50, 51, 103, 108, 115, 132, 136, 255, 256, 262 })
                yield return $"net-pf-{pf}-proto-{proto}";
        }
        for (var ldisc = 0; ldisc <= 30; ldisc++) yield return $"tty-ldisc-{ldisc}";
        int[] minors = [0, 1, 2, 3, 128, 130, 131, 135, 144, 175, 183, 200, 223, 224, 227, 228, 229, 231, 232, 234, 235, 236, 237, 238, 239, 240, 241, 242];
        for (var major = 0; major <= 255; major++)
        {
            yield return $"char-major-{major}";
            yield return $"block-major-{major}";
            foreach (var minor in minors)
            {
                yield return $"char-major-{major}-{minor}";
                yield return $"block-major-{major}-{minor}";
            }
        }
        var filesystems = tree.Aliases.Where(a => a.Pattern.StartsWith("fs-", StringComparison.Ordinal)).Select(a => a.Pattern[3..])
            .Concat(tree.Modules.Where(m => m.RelativePath.StartsWith("kernel/fs/", StringComparison.Ordinal)).Select(m => m.Name))
            .Concat(tree.Builtin.Where(b => b.Length > 0));
        foreach (var fs in filesystems.Distinct())
        {
            yield return "fs-" + fs;
            yield return "fs-" + fs.Replace('_', '-');
        }
        var algorithms = tree.Aliases.Where(a => a.Pattern.StartsWith("crypto-", StringComparison.Ordinal)).Select(a => a.Pattern[7..])
            .Concat(tree.Modules.Where(m => m.RelativePath.Contains("/crypto/", StringComparison.Ordinal)).Select(m => m.Name));
        foreach (var alg in algorithms.Distinct())
        {
            yield return "crypto-" + alg;
            yield return "crypto-" + alg + "-all";
        }
        // Strings that exercise the normalizer and the trie's wildcard handling.
        string[] odd = ["a]b", "[abc", "x[a-c]y", "pci:v*", "net-pf-*", "fs-*", "crypto-sha256.ko", "n-hdlc.ko", "symbol:", "*", "?", "tty-ldisc-1?", "char-major-10-*", "usb:v*", "acpi*:*"];
        foreach (var s in odd) yield return s;
    }

    // One concrete string each wildcard alias matches: '*' becomes "1", '?' "0", a bracket its first member.
    private static string Instantiate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*') sb.Append('1');
            else if (c == '?') sb.Append('0');
            else if (c == '[')
            {
                var close = pattern.IndexOf(']', i + 2);
                if (close < 0) { sb.Append(c); continue; }
                var first = pattern[i + 1] is '!' or '^' ? 'Z' : pattern[i + 1];
                sb.Append(first);
                i = close;
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
