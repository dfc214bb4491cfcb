public class Smoke { [Fact] public void T() => Assert.NotNull(typeof(Microsoft.Bot.Builder.Integration.AspNet.Core.CloudAdapter)); }
