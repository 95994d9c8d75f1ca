namespace Haven.Web.Localization;

/// <summary>Marker for the one table of interface strings (SharedResource.es.resx). Keys are the English text.</summary>
public sealed class SharedResource;
