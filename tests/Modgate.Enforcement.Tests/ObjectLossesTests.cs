using Modgate.Bpf;
using Modgate.Bpf.Kernel;
using Modgate.Enforcement.BpfLsm;
using Modgate.Enforcement.Status;

namespace Modgate.Enforcement.Tests;

/// <summary>What status says of the object in force, and the record apply leaves for it (files only, no kernel).</summary>
public sealed class ObjectLossesTests
{
    [Fact]
    public void The_recorded_object_wins_over_the_kernel_version()
    {
        var reduced = new LoadedObjectRecord(BpfObjectVariant.Reduced, BpfFeatures.ImpliedBy(new Version(6, 1)));
        Assert.Equal(BpfObjectVariant.Reduced, ObjectLosses.InUse(new Version(6, 1), reduced));
        Assert.Equal(BpfObjectVariant.Full, ObjectLosses.InUse(new Version(6, 1), null));
        Assert.Equal(BpfObjectVariant.Reduced, ObjectLosses.InUse(new Version(5, 16), null));
    }

    [Fact]
    public void A_forced_reduced_object_on_a_new_kernel_says_so_instead_of_naming_a_kernel()
    {
        Assert.Empty(ObjectLosses.Of(BpfObjectVariant.Full, new Version(5, 10)));
        Assert.Equal("the reduced BPF object is in use (MODGATE_BPF_OBJECT=reduced at apply): per-process modes unavailable (no BPF task storage)",
            ObjectLosses.Of(BpfObjectVariant.Reduced, new Version(6, 1))[0]);
        Assert.Equal("kernel 5.15 < 5.17: explicit loads of module images with more than 128 sections are judged without a name (no bpf_loop)",
            ObjectLosses.Of(BpfObjectVariant.Reduced, new Version(5, 15))[2]);
    }

    [Fact]
    public void The_record_reads_back_what_was_saved_and_junk_reads_as_none()
    {
        var path = Path.GetTempFileName();
        try
        {
            var record = new LoadedObjectRecord(BpfObjectVariant.Reduced, new BpfFeatures(false, false, true, false, true));
            record.Save(path);
            Assert.Equal(record, LoadedObjectRecord.Read(path));
            File.WriteAllText(path, "object=tiny\n");
            Assert.Null(LoadedObjectRecord.Read(path));
            LoadedObjectRecord.Remove(path);
            Assert.Null(LoadedObjectRecord.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_record_keeps_how_the_programs_were_attached_and_an_older_record_means_lsm()
    {
        var path = Path.GetTempFileName();
        try
        {
            var record = new LoadedObjectRecord(BpfObjectVariant.Full, BpfFeatures.ImpliedBy(new Version(6, 12)), HookAttachment.FmodRet);
            record.Save(path);
            Assert.Contains("hooks=fmod_ret", File.ReadAllLines(path));
            Assert.Equal(record, LoadedObjectRecord.Read(path));
            File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.StartsWith("hooks=", StringComparison.Ordinal)));
            Assert.Equal(HookAttachment.Lsm, LoadedObjectRecord.Read(path)!.Hooks);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
