// Before a conditional write whose If-Match is {{currentEtag}}: read the resource it is about and use its ETag, so
// the write meets its precondition however many requests changed the resource before it.
const ifMatch = pm.request.headers.find((h) => h.key.toLowerCase() === 'if-match' && !h.disabled);
if (ifMatch && ifMatch.value === '{{currentEtag}}') {
  const url = pm.variables.replaceIn(pm.request.url.toString());
  const resource = url.replace(/^(https?:\/\/[^/]+\/api\/v1\/[^/]+\/[^/?]+).*$/, '$1');
  const key = pm.request.headers.find((h) => h.key.toLowerCase() === 'x-api-key');
  const apiKey = pm.variables.replaceIn((pm.request.auth && pm.request.auth.apikey && pm.request.auth.apikey.get('value')) || (key && key.value) || '');
  pm.sendRequest({ url: resource, method: 'GET', header: apiKey ? { 'X-Api-Key': apiKey } : {} }, (error, response) => {
    pm.collectionVariables.set('currentEtag', !error && response.headers.get('ETag') ? response.headers.get('ETag') : '"none"');
  });
}
