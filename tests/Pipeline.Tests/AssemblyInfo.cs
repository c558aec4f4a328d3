// Hangfire keeps its storage in process-wide state (JobStorage.Current): two portals running at once
// in one test process would enqueue each other's jobs. So the portals here run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
