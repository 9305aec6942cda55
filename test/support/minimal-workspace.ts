/** The smallest workspace a hub runs with: one wall `main` with one stat panel on a push source. */
export const minimalWorkspaceYaml = (title = 'Test'): string => `
version: 1
title: ${title}
sources:
  - { id: ops, type: push }
walls:
  - id: main
    title: Main
    panels:
      - { id: viewers, title: Viewers, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: viewers } }
`;

/**
 * A war room whose one stat panel scrapes a metrics server: the hub fills `${METRICS_URL}` from
 * the environment it is started with (`useMetricsServer()` gives the URL). `more`: top-level YAML
 * after the walls (a `timezone:`, an `incidents:` block).
 */
export const scrapedWorkspaceYaml = (more = ''): string => `
version: 1
title: War room
sources:
  - { id: local, type: scrape, url: "\${METRICS_URL}", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
${more}`;

/**
 * A workspace for canary tests: its one stat panel scrapes a closed port (no metrics wanted, only a
 * valid room), and `canaries` is the body of its `canaries:` block, each line indented two spaces.
 */
export const canaryWorkspaceYaml = (title: string, canaries: string): string => `
version: 1
title: ${title}
sources:
  - { id: local, type: scrape, url: "http://127.0.0.1:9/metrics", interval: 5s, timeout: 1s }
walls:
  - { id: main, title: Main, panels: [{ id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }] }
canaries:
${canaries}`;
