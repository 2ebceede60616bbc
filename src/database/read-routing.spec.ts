import type { ExecutionContext } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { ReadRouting, RecordWrites } from './read-routing';

/** RecordWrites without a server: a request, a response that can close, and the routing's record. */
function setUp(method: string, user?: { id: number }) {
  const recorded: number[] = [];
  const routing = { recordWrite: (userId: number) => recorded.push(userId) } as unknown as ReadRouting;
  const res = new EventEmitter();
  const context = { switchToHttp: () => ({ getRequest: () => ({ method, user }), getResponse: () => res }) } as unknown as ExecutionContext;
  expect(new RecordWrites(routing).canActivate(context)).toBe(true);
  return { recorded, res };
}

describe('RecordWrites', () => {
  it("records a write by the token's user when it starts, and again when its response closes, answered or not", () => {
    const { recorded, res } = setUp('DELETE', { id: 8 });
    res.emit('close');
    expect(recorded).toEqual([8, 8]);
  });

  it('leaves reads and requests without a user alone', () => {
    for (const [method, user] of [['GET', { id: 7 }], ['HEAD', { id: 7 }], ['OPTIONS', { id: 7 }], ['POST', undefined]] as const) {
      const { recorded, res } = setUp(method, user);
      res.emit('close');
      expect(recorded).toEqual([]);
    }
  });
});
