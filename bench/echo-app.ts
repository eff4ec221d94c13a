// A Functions app with one HTTP function that does no work: it reads the body and answers the
// text in BENCH_ECHO_ANSWER. Run through the local runtime, it measures what the runtime and the
// @azure/functions programming model cost per request, the ceiling for any real function.
import { app } from '@azure/functions';

const answer = process.env.BENCH_ECHO_ANSWER ?? '{}';

app.http('echo', {
  methods: ['POST'],
  authLevel: 'function',
  route: 'echo',
  handler: async (request) => {
    await request.text();
    return { status: 200, body: answer, headers: { 'content-type': 'application/json; charset=utf-8' } };
  },
});
