namespace Modgate.Bpf.Tests;

/// <summary>The refusal names its cause first: the program and the verifier's last word, then the log's tail.</summary>
public class VerifierCauseTests
{
    // The shape libbpf 1.1 prints for the 6.12 verifier's refusal (abridged from a guest run).
    private const string Log = """
        libbpf: prog 'mg_module_request': BPF program load failed: Invalid argument
        libbpf: prog 'mg_module_request': -- BEGIN PROG LOAD LOG --
        0: R1=ctx() R10=fp0
        ; int BPF_PROG(mg_module_request, char *kmod_name, int ret)
        0: (79) r6 = *(u64 *)(r1 +8)          ; R1=ctx() R6_w=scalar()
        1: (bf) r0 = r6
        At program exit the register R0 has unknown scalar value should have been in [-4095, 0]
        processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
        -- END PROG LOAD LOG --
        libbpf: prog 'mg_module_request': failed to load: -22
        libbpf: failed to load object 'modgate'
        """;

    [Fact]
    public void The_cause_line_names_the_program_and_the_verifier_message()
    {
        Assert.Equal("the kernel rejected modgate's BPF program mg_module_request (EINVAL): " +
                     "At program exit the register R0 has unknown scalar value should have been in [-4095, 0]",
            VerifierException.CauseOf(Errno.EINVAL, Log));
    }

    [Fact]
    public void The_message_puts_the_cause_first_and_the_log_after()
    {
        var e = new VerifierException(Errno.EINVAL, Log);
        var lines = e.Message.Split('\n');
        Assert.StartsWith("the kernel rejected modgate's BPF program mg_module_request (EINVAL): At program exit", lines[0]);
        Assert.Equal("verifier log (last lines):", lines[1]);
        Assert.Equal("libbpf: failed to load object 'modgate'", lines[^1]);
    }

    [Fact]
    public void Without_a_verifier_log_the_failed_program_is_still_named()
    {
        Assert.Equal("the kernel rejected modgate's BPF program mg_capable (E2BIG)",
            VerifierException.CauseOf(Errno.E2BIG, "libbpf: prog 'mg_capable': failed to load: -7\n"));
    }

    [Fact]
    public void Without_any_program_name_the_programs_are_named_together()
    {
        Assert.Equal("the kernel rejected modgate's BPF programs (EPERM)", VerifierException.CauseOf(Errno.EPERM, "libbpf: something else\n"));
    }

    [Fact]
    public void With_verifier_statistics_the_failed_program_is_named_not_the_first_that_loaded()
    {
        // MODGATE_VERIFIER_STATS=1 on 5.10: the programs that loaded print their totals before the one that failed.
        const string stats = """
            libbpf: prog 'mg_module_request': -- BEGIN PROG LOAD LOG --
            verification time 29628223 usec
            processed 913957 insns (limit 1000000) max_states_per_insn 118 total_states 52993 peak_states 2293 mark_read 172
            -- END PROG LOAD LOG --
            libbpf: prog 'mg_post_read_file': BPF program load failed: Argument list too long
            libbpf: prog 'mg_post_read_file': -- BEGIN PROG LOAD LOG --
            BPF program is too large. Processed 1000001 insn
            verification time 26055030 usec
            processed 1000001 insns (limit 1000000) max_states_per_insn 118 total_states 59618 peak_states 2272 mark_read 191
            -- END PROG LOAD LOG --
            libbpf: prog 'mg_post_read_file': failed to load: -7
            """;
        Assert.Equal("the kernel rejected modgate's BPF program mg_post_read_file (E2BIG): BPF program is too large. Processed 1000001 insn",
            VerifierException.CauseOf(Errno.E2BIG, stats));
    }
}
