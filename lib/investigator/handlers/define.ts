// Typing glue for the handler registry: a handler is written against its own message type and stored
// as a RegisteredHandler; the registry only calls it with messages of its (type, version).
import type { Message, MessageType } from '../../contracts/index.js';
import type { MessageHandlerSpec, RegisteredHandler } from '../types.js';

export function defineHandler<T extends MessageType, V extends number>(
  spec: MessageHandlerSpec<Extract<Message, { type: T; version: V }>>,
): RegisteredHandler {
  return spec as unknown as RegisteredHandler;
}
