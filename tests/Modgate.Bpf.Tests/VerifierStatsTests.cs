namespace Modgate.Bpf.Tests;

/// <summary>MODGATE_VERIFIER_STATS: the verifier's totals per program, picked out of libbpf's log.</summary>
public class VerifierStatsTests
{
    [Fact]
    public void Each_programs_totals_are_named_after_it()
    {
        const string log = """
            libbpf: loading object 'modgate' from buffer
            libbpf: prog 'mg_capable': -- BEGIN PROG LOAD LOG --
            verification time 2225667 usec
            stack depth 96
            processed 161238 insns (limit 1000000) max_states_per_insn 28 total_states 8609 peak_states 785 mark_read 42
            -- END PROG LOAD LOG --
            libbpf: prog 'mg_task_prctl': -- BEGIN PROG LOAD LOG --
            processed 108606 insns (limit 1000000) max_states_per_insn 50 total_states 4277 peak_states 741 mark_read 108
            -- END PROG LOAD LOG --
            """;
        Assert.Equal(
        [
            "verifier: mg_capable: verification time 2225667 usec",
            "verifier: mg_capable: processed 161238 insns (limit 1000000) max_states_per_insn 28 total_states 8609 peak_states 785 mark_read 42",
            "verifier: mg_task_prctl: processed 108606 insns (limit 1000000) max_states_per_insn 50 total_states 4277 peak_states 741 mark_read 108",
        ], VerifierStats.Lines(log));
    }
}
