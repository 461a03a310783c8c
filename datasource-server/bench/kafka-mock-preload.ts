// Loaded with `--import` into the nexus-api instances of bench/scale-out.ts: their idempotent producer needs a
// controller id that librdkafka's mock cluster does not name (test/helpers/kafka.ts `tolerateMockControllerId`).

import { tolerateMockControllerId } from '../test/helpers/kafka.ts';

tolerateMockControllerId();
