namespace Modgate.Kernel;
