namespace Modgate.Kernel.Learn;

/// <summary>A device's modalias: what udev hands to <c>modprobe -b</c> when the device appears.</summary>
/// <param name="Device">The device directory relative to the sysfs root, e.g. <c>devices/pci0000:00/0000:00:01.3</c>.</param>
public sealed record DeviceModalias(string Device, string Modalias);

/// <summary>
/// Finds every <c>modalias</c> file under SYSFS/devices. Symbolic links are not followed (sysfs links every
/// device from several places: following them would visit devices many times and can loop).
/// </summary>
public static class DeviceModaliases
{
    public const string DefaultSysfs = "/sys";

    public static IReadOnlyList<DeviceModalias> Scan(string sysfsRoot, List<KernelDiagnostic> diagnostics)
    {
        var devices = Path.Combine(sysfsRoot, "devices");
        if (!Directory.Exists(devices))
        {
            diagnostics.Add(KernelDiagnostic.Error(devices, "no sysfs device tree here (is sysfs mounted?)"));
            return [];
        }
        var found = new List<DeviceModalias>();
        var pending = new Stack<string>();
        pending.Push(devices);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(KernelDiagnostic.Warning(directory, $"cannot list: {e.Message}"));
                continue;
            }
            foreach (var entry in entries)
            {
                var info = new FileInfo(entry);
                if (info.LinkTarget is not null) continue;
                if (info.Attributes.HasFlag(FileAttributes.Directory)) pending.Push(entry);
                else if (info.Name == "modalias" && Read(entry, diagnostics) is { Length: > 0 } modalias)
                    found.Add(new DeviceModalias(Path.GetRelativePath(sysfsRoot, directory), modalias));
            }
        }
        return [.. found.OrderBy(d => d.Device, StringComparer.Ordinal)];
    }

    private static string? Read(string file, List<KernelDiagnostic> diagnostics)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Some drivers' modalias attributes refuse reads (EIO, ENODEV) for devices in odd states.
            diagnostics.Add(KernelDiagnostic.Warning(file, $"cannot read: {e.Message}"));
            return null;
        }
    }
}
