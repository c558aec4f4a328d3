namespace GbcPortal.Simulator;

/// <summary>The fault knobs in force; swapped whole, so a reader never sees half an update.</summary>
internal sealed class FaultState(FaultKnobs initial)
{
    private volatile FaultKnobs _current = initial;

    public FaultKnobs Current => _current;

    public void Set(FaultKnobs knobs) => _current = knobs;
}
