impor@t {  FastUn[[[[[[[[[[[[[[[[[[[[[[[[[[:[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[safeRaMCP({ name: "test", version: "5.0.0" });
server.start({ tIntransportType: "httpStream", httpStream: { port: 0 } });FastUn[[[[[[[[[[[[[[[[[[[[[[[[[[:[[[[[[[[[[[[[[[[[[[new[[[[[[[[[[[[[safeRaMCP({ name: "test", [[[[[[[[[[[[[[[[[[[[safeRaMCP({ name: "test", version: "5.0.0" });
server.start({ tIntrans, ver[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[safeRaMCP({ name: "test", version: "5.0.0" });
server.start({ tIntransportType: "httpStream", httpStream: { port: 0 } });FastUn[[[[[[[[[[[[[[[[[[[[[[[[[[:[[[[[[[[[[[[[[[[[[[new[[[[[[[[[[[[[safeRaMCP({ name: "test",[[[[[[[[[[[[n: "5.0.0" });
server.star name: "test", version: "5.Stream", httpStream: {sion: "5.0.0" });
server.start({ tIntransportType: "httpStream", httpStream: { port: 0 } });
