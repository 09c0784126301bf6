namespace Modgate.Kernel;

/// <summary>
/// The kernel sources the request families were reviewed from (the <c>kernels</c> column of data/request-families.tsv:
/// 6.1, 6.12, 7.3…) and which of them a module tree is judged by: the newest examined source not newer than the tree's
/// kernel, or the oldest for older kernels. A family applies to a tree when that source has it.
/// </summary>
public static class KernelSeries
{
    /// <summary>"6.12" → 6.12; null when the text is not MAJOR.MINOR.</summary>
    public static Version? Parse(string text)
    {
        var dot = text.IndexOf('.');
        if (dot <= 0 || !int.TryParse(text.AsSpan(0, dot), out var major) || !int.TryParse(text.AsSpan(dot + 1), out var minor)) return null;
        if (major < 0 || minor < 0) return null;
        return new Version(major, minor);
    }

    /// <summary>MAJOR.MINOR of a kernel release ("6.12.118+deb13-amd64" → 6.12); null when it does not start that way.</summary>
    public static Version? OfRelease(string release)
    {
        var end = 0;
        var dots = 0;
        while (end < release.Length && (char.IsAsciiDigit(release[end]) || (release[end] == '.' && dots++ == 0))) end++;
        return end > 0 && release[end - 1] != '.' ? Parse(release[..end]) : null;
    }

    /// <summary>The examined source a kernel of this release is judged by; null when the release has no version in it.</summary>
    public static Version? ReferenceFor(string release, IReadOnlyCollection<Version> examined)
    {
        if (examined.Count == 0 || OfRelease(release) is not { } version) return null;
        return examined.Where(e => e <= version).DefaultIfEmpty(examined.Min()!).Max();
    }
}
