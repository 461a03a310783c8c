// Loads the pluginv2 and gRPC health services from their .proto text (embedded in the bundle at build time).

import fs from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

/** Options shared by the plugin and the tests' Grafana stand-in, so both decode alike. */
export const loaderOptions: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
};

declare const __NEXUS_PROTO_BACKEND__: string | undefined;
declare const __NEXUS_PROTO_HEALTH__: string | undefined;
declare const __NEXUS_PROTO_CONTROLLER__: string | undefined;

export interface ProtoTexts {
  readonly backend: string;
  readonly health: string;
  readonly controller: string;
}

/** The .proto files next to the sources (tests, development). */
export function protoTextsFromDir(dir: string): ProtoTexts {
  return {
    backend: fs.readFileSync(path.join(dir, 'backend.proto'), 'utf8'),
    health: fs.readFileSync(path.join(dir, 'health.proto'), 'utf8'),
    controller: fs.readFileSync(path.join(dir, 'controller.proto'), 'utf8'),
  };
}

/** The texts the build embedded (esbuild `define`), else the files of `proto/`. */
export function embeddedProtoTexts(): ProtoTexts {
  if (
    typeof __NEXUS_PROTO_BACKEND__ === 'string' &&
    typeof __NEXUS_PROTO_HEALTH__ === 'string' &&
    typeof __NEXUS_PROTO_CONTROLLER__ === 'string'
  ) {
    return {
      backend: __NEXUS_PROTO_BACKEND__,
      health: __NEXUS_PROTO_HEALTH__,
      controller: __NEXUS_PROTO_CONTROLLER__,
    };
  }
  return protoTextsFromDir(path.join(path.dirname(process.argv[1] ?? '.'), '..', 'proto'));
}

export interface Services {
  readonly data: grpc.ServiceDefinition;
  readonly diagnostics: grpc.ServiceDefinition;
  readonly resource: grpc.ServiceDefinition;
  readonly health: grpc.ServiceDefinition;
  readonly controller: grpc.ServiceDefinition;
  /** Client constructors, for the tests. */
  readonly clients: {
    readonly Data: grpc.ServiceClientConstructor;
    readonly Diagnostics: grpc.ServiceClientConstructor;
    readonly Resource: grpc.ServiceClientConstructor;
    readonly Health: grpc.ServiceClientConstructor;
    readonly Controller: grpc.ServiceClientConstructor;
  };
}

function client(pkg: grpc.GrpcObject, dotted: string): grpc.ServiceClientConstructor {
  let at: unknown = pkg;
  for (const part of dotted.split('.')) at = (at as Record<string, unknown>)[part];
  if (typeof at !== 'function' || !('service' in at)) throw new Error(`no service ${dotted} in the protos`);
  return at as grpc.ServiceClientConstructor;
}

/** Parses both protos into gRPC service definitions. */
export function loadServices(texts: ProtoTexts): Services {
  const root = new protobuf.Root();
  protobuf.parse(texts.backend, root, { keepCase: true });
  protobuf.parse(texts.health, root, { keepCase: true });
  protobuf.parse(texts.controller, root, { keepCase: true });
  const definition = protoLoader.fromJSON(
    root.toJSON() as protoLoader.ProtobufTypeDefinition['type'],
    loaderOptions,
  );
  const pkg = grpc.loadPackageDefinition(definition);
  const clients = {
    Data: client(pkg, 'pluginv2.Data'),
    Diagnostics: client(pkg, 'pluginv2.Diagnostics'),
    Resource: client(pkg, 'pluginv2.Resource'),
    Health: client(pkg, 'grpc.health.v1.Health'),
    Controller: client(pkg, 'plugin.GRPCController'),
  };
  return {
    data: clients.Data.service,
    diagnostics: clients.Diagnostics.service,
    resource: clients.Resource.service,
    health: clients.Health.service,
    controller: clients.Controller.service,
    clients,
  };
}
