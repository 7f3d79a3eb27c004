// Loaded before dynalite (node --require). dynalite answers an error on a request stream by
// throwing it (index.js: req.on('error', function (err) { throw err })), so one client that hangs
// up mid-body — a test that times out, a load run that stops — took the whole server down and
// every later request got "connection refused". A DynamoDB server keeps serving the others: say
// what happened and go on.
process.on('uncaughtException', (err) => {
  console.error('dynalite kept serving after an error: ' + ((err && err.stack) || err));
});
