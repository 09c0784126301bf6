namespace Modgate.Enforcement;
