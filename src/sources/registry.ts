/**
 * The source service of a running bot, found from its store by the chat commands (which see only the
 * core). Where none was attached (a one-shot command), a service with the strict defaults is used:
 * public addresses only.
 */
import type { Store } from "../store/store.js";
import { SourceService } from "./service.js";

const services = new WeakMap<Store, SourceService>();

export function attachSourceService(service: SourceService): void {
  services.set(service.store, service);
}

export function sourceServiceFor(store: Store): SourceService {
  let service = services.get(store);
  if (!service) {
    service = new SourceService(store);
    services.set(store, service);
  }
  return service;
}
