// Run once by the bundler (src/compile/bundle.ts), in a process of its own, to make the serve bundle's V8 code
// cache: a start on the default data and the requests clients send first (a list, a record, a create, a miss),
// so every function those compile is in the cache and a later start need not compile it again.
import { basicAuthorization, DEFAULT_USER } from '../server/accounts/index.ts';
import { startFake } from '../server/start.ts';

export async function warmUp(): Promise<void> {
  const fake = await startFake({ port: 0 });
  try {
    const headers = { Authorization: basicAuthorization(DEFAULT_USER), 'Content-Type': 'application/json' };
    const send = async (path: string, init: RequestInit = {}) => (await fetch(`${fake.url}${path}`, { headers, ...init })).json() as Promise<any>;
    const projects = await send('/api/projects');
    const project = projects.Items?.[0];
    if (project) await send(`/api/project/${project.Id}`);
    await send('/api/scriptpackages', { method: 'POST', body: JSON.stringify({ Name: 'Warm-up', ProjectId: project?.Id }) });
    await send('/api/scriptpackage/00000000-0000-0000-0000-000000000000');
  } finally {
    await fake.close();
  }
}
