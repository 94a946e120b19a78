import { buildGraphiQL } from '../../scripts/build-graphiql.js';

/**
 * Setup of the `e2e` project: rebuilds the GraphiQL bundle so the gateway serves the current page (about a second).
 * A missing chromium fails the browser test itself (see browser.ts), with the install command, so the other projects
 * still run and report.
 */
export default async function setup(): Promise<void> {
  const build = await buildGraphiQL();
  console.log(`e2e: GraphiQL bundled in ${build.ms} ms`);
}
