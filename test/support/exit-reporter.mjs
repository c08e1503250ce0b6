// A second reporter for test/run.mjs. It writes one JSON line per failure at the top level:
// - {kind: 'crash'}: a test file whose process ended abnormally (a non-zero exit or a signal) although
//   none of its tests failed: the process died after its tests were done (a native module at exit, or
//   activity a finished test left behind). Node prints the cause above its summary.
// - {kind: 'fail'}: anything else, a failing test above all.
// run.mjs runs the files of a crash once more and names them; a failing test is never run again.
export default async function* exitReporter(source) {
  for await (const event of source) {
    if (event.type !== 'test:fail' || event.data.nesting !== 0) continue;
    const { data } = event;
    const error = data.details?.error ?? {};
    const exited = error.exitCode !== undefined && error.exitCode !== null && error.exitCode !== 0;
    const signalled = error.signal !== undefined && error.signal !== null;
    const crash = error.failureType === 'testCodeFailure' && (exited || signalled);
    yield `${JSON.stringify({ kind: crash ? 'crash' : 'fail', file: data.file ?? null, name: data.name, exitCode: error.exitCode ?? null, signal: error.signal ?? null })}\n`;
  }
}
