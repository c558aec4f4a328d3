namespace GbcPortal.Core.Upload;

/// <summary>A linked Service ID an uploaded file can be added to.</summary>
public sealed record UploadTarget(int LinkId, string ServiceId);
