/** Responses marked here are answered by destroying the connection (fault `drop=`). */
const dropped = new WeakSet<Response>();

/** Marks a response to be answered by destroying the connection (see the node server and msw adapters). */
export function drop(response: Response = new Response(null, { status: 499 })): Response {
  dropped.add(response);
  return response;
}

/** True when the response should be answered by dropping the connection (`x-aig-fault: drop=…`). */
export function isDropped(response: Response): boolean {
  return dropped.has(response);
}
