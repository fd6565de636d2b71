using OpenGov.Api.Endpoints;
using OpenGov.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOpenGov(builder.Configuration);

var app = builder.Build();
app.UseOpenGov();
app.MapOpenGov();
app.Run();

/// <summary>The entry point, public so that tests can host the app.</summary>
public partial class Program;
