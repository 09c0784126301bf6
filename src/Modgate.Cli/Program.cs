using Modgate.Cli.Commands;

return CommandRegistry.BuildRoot().Parse(args).Invoke();
