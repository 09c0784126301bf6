using System.Text;
using Modgate.Policy;

namespace Modgate.Kernel;

/// <summary>What a process needs on a stock kernel for the kernel to issue a request (data/request-families.tsv).</summary>
public enum PrivilegeNeeded : byte
{
    /// <summary>Any user.</summary>
    None,
    /// <summary>A capability in a user namespace the caller owns: any user where unprivileged user namespaces are allowed.</summary>
    UserNamespace,
    /// <summary>A capability in the initial user namespace.</summary>
    InitialNamespace,
    /// <summary>Opening a device node: whoever its mode lets in (root by default).</summary>
    Device,
    /// <summary>Issued by the kernel or a driver for its own needs, not by a user action.</summary>
    Kernel,
}

/// <summary>
/// One reviewed row of data/request-families.tsv: a pattern of request strings, the user-space action that
/// makes the kernel issue them, the privilege that action needs, the contexts the kernel makes them in, and the
/// examined kernel sources that make them.
/// </summary>
public sealed record RequestFamily(string Format, Glob Pattern, string Trigger, PrivilegeNeeded Privilege, string? Capability,
    string Checked, string Sites, string Note, RequestContext Context, string ContextNote, IReadOnlyList<Version> Kernels)
{
    /// <summary>The privilege column as written: <c>none</c>, <c>userns:CAP_NET_ADMIN</c>…</summary>
    public string PrivilegeText => Privilege switch
    {
        PrivilegeNeeded.None => "none",
        PrivilegeNeeded.UserNamespace => $"{Capability} (user namespace)",
        PrivilegeNeeded.InitialNamespace => Capability ?? "root",
        PrivilegeNeeded.Device => "device node access",
        _ => "kernel only",
    };

    /// <summary>
    /// The trigger with the request's fields filled in: <c>{1}</c> is the text the pattern's first star matched,
    /// <c>{af:1}</c> names it as an address family, and so on (see <see cref="KernelConstants"/>).
    /// </summary>
    public string TriggerFor(string request)
    {
        var fields = StarFields(Pattern.Pattern, request);
        var output = new StringBuilder(Trigger.Length + 16);
        for (var i = 0; i < Trigger.Length; i++)
        {
            var close = Trigger[i] == '{' ? Trigger.IndexOf('}', i) : -1;
            if (close < 0) { output.Append(Trigger[i]); continue; }
            var placeholder = Trigger[(i + 1)..close];
            var colon = placeholder.IndexOf(':');
            var kind = colon < 0 ? null : placeholder[..colon];
            if (int.TryParse(colon < 0 ? placeholder : placeholder[(colon + 1)..], out var n) && n >= 1 && n <= fields.Count)
            {
                output.Append(kind is null ? fields[n - 1] : KernelConstants.Name(kind, fields[n - 1]));
                i = close;
            }
            else output.Append(Trigger[i]);
        }
        return output.ToString();
    }

    // The texts the stars of a star-only glob matched, leftmost-shortest (fields are separated by literal text such as "-proto-").
    private static List<string> StarFields(string pattern, string text)
    {
        var pieces = pattern.Split('*');
        var fields = new List<string>();
        if (!text.StartsWith(pieces[0], StringComparison.Ordinal)) return fields;
        var position = pieces[0].Length;
        for (var p = 1; p < pieces.Length; p++)
        {
            var next = pieces[p].Length == 0 ? (p == pieces.Length - 1 ? text.Length : -1) : text.IndexOf(pieces[p], position, StringComparison.Ordinal);
            if (next < 0) return fields;
            fields.Add(text[position..next]);
            position = next + pieces[p].Length;
        }
        return fields;
    }
}
