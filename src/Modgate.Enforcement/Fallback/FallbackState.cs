namespace Modgate.Enforcement.Fallback;

/// <summary>What a fallback apply changed (kept in /run/modgate/fallback, one key=value a line).</summary>
public sealed record FallbackState(
    string ModprobeBefore,
    bool Gate,
    int ModprobeDenied,
    string? LdiscBefore,
    bool LdiscAutoloadOff,
    bool ModulesDisabled,
    IReadOnlyList<string> NotEnforced)
{
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lines = new List<string>
        {
            $"modprobe_before={ModprobeBefore}", $"gate={(Gate ? 1 : 0)}", $"modprobe_denied={ModprobeDenied}",
            $"ldisc_before={LdiscBefore ?? ""}", $"ldisc_autoload_off={(LdiscAutoloadOff ? 1 : 0)}", $"modules_disabled={(ModulesDisabled ? 1 : 0)}",
        };
        lines.AddRange(NotEnforced.Select(n => $"not_enforced={n}"));
        File.WriteAllLines(path + ".new", lines);
        File.Move(path + ".new", path, overwrite: true);
    }

    public static FallbackState? Read(string path)
    {
        if (!File.Exists(path)) return null;
        var values = new Dictionary<string, string>();
        var notEnforced = new List<string>();
        foreach (var line in File.ReadAllLines(path))
        {
            var eq = line.IndexOf('=');
            if (eq < 0) continue;
            if (line[..eq] == "not_enforced") notEnforced.Add(line[(eq + 1)..]);
            else values[line[..eq]] = line[(eq + 1)..];
        }
        string Get(string key) => values.GetValueOrDefault(key, "");
        return new FallbackState(Get("modprobe_before"), Get("gate") == "1", int.TryParse(Get("modprobe_denied"), out var n) ? n : 0,
            Get("ldisc_before") is { Length: > 0 } l ? l : null, Get("ldisc_autoload_off") == "1", Get("modules_disabled") == "1", notEnforced);
    }
}
