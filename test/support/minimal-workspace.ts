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
