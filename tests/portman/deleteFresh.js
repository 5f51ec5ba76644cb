// Before a delete: create a resource of the same kind, so the delete removes it and nothing the later requests use.
const collection = pm.request.url.path.filter(Boolean)[2];
pm.sendRequest({
  url: pm.collectionVariables.get('baseUrl') + '/api/v1/' + collection,
  method: 'POST',
  header: { 'X-Api-Key': pm.collectionVariables.get('apiKey'), 'Content-Type': 'application/json' },
  body: { mode: 'raw', raw: JSON.stringify({ name: 'Deleted ' + collection + ' ' + Date.now() + Math.random() }) },
}, (error, response) => {
  if (error) { throw error; }
  pm.collectionVariables.set('freshId', response.json().id);
  pm.collectionVariables.set('freshEtag', response.headers.get('ETag'));
});
