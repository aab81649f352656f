import type { ProtocolContext } from "../context.js";

/** What the offering actions work with. */
export type OfferingContext = ProtocolContext;
