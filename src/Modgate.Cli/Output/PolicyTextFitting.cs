namespace Modgate.Cli.Output;

/// <summary>
/// A generated policy (`learn`, `import-modprobe`) shown on a terminal: every line still valid policy, each rule
/// whole on its line. Only comments give way: a rule's trailing comment (its reasons) is shortened at identifier
/// boundaries, a comment line is wrapped onto comment lines. A file (-o) and a pipe get the text untouched
/// (<see cref="AuditLog.PolicyOutput"/> fits only what a terminal shows).
/// </summary>
internal static class PolicyTextFitting
{
    public static string Fit(string text, int width)
    {
        if (width == OutputStyle.Unlimited) return text;
        var shortened = false;
        var fitted = new System.Text.StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            if (fitted.Length > 0) fitted.Append('\n');
            if (line.Length <= width) { fitted.Append(line); continue; }
            var hash = line.IndexOf('#');
            if (hash < 0) fitted.Append(line); // a rule is never cut
            else if (line.AsSpan(0, hash).IsWhiteSpace()) fitted.AppendJoin('\n', Fitting.Wrap(line, width, line[..hash] + "#   "));
            else
            {
                fitted.Append(ShortenComment(line[..hash], line[(hash + 1)..].Trim(), width));
                shortened = true;
            }
        }
        if (shortened) fitted.Append($"# (reasons shortened to fit {width} columns; --wide or -o FILE prints them whole)\n");
        return fitted.ToString();
    }

    // "RULE   # REASONS" with the reasons cut to the room left; the rule alone when there is none.
    private static string ShortenComment(string rule, string comment, int width)
    {
        var room = width - rule.Length - 2;
        return room < 1 ? rule.TrimEnd() : rule + "# " + Fitting.Truncate(comment, room);
    }
}
