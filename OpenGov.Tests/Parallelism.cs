// Fixtures run in parallel: most wait on a service, a browser, nginx or Node.js much of the time,
// and overlap well even on two cores. A fixture that must run alone says why with [NonParallelizable].
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
