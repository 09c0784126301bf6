global using Modgate.Policy;
