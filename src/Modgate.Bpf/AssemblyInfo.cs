namespace Modgate.Bpf;
