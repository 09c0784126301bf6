using Xunit;
namespace Modgate.Policy.Tests;
public class SmokeTests { [Fact] public void One() => Assert.Equal(1, Modgate.Policy.Placeholder.One); }
