namespace Deconflict.Server.Cot;

/// <summary>An alert with each of its wire encodings made at most once, however many TAK connections it goes to.</summary>
/// <threadsafety>Safe from any thread: an encoding made twice by a race is the same bytes.</threadsafety>
public sealed class CotAlertBytes(CotAlert alert)
{
    private byte[]? _xml;
    private byte[]? _takFrame;

    /// <summary>The alert.</summary>
    public CotAlert Alert { get; } = alert ?? throw new ArgumentNullException(nameof(alert));

    /// <summary>The alert as a CoT XML event (<see cref="CotAlert.ToXml"/>).</summary>
    public byte[] Xml => LazyInitializer.EnsureInitialized(ref _xml, Alert.ToXml);

    /// <summary>The alert as a stream-framed TAK Protocol v1 message.</summary>
    public byte[] TakFrame => LazyInitializer.EnsureInitialized(ref _takFrame, () => TakFraming.EncodeStreamFrame(Alert.ToTakMessage()));
}
