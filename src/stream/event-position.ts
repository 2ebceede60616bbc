/**
 * Where a stream is: the last timeline post and the last notification it was sent. It is
 * the `id:` of every `timeline` and `notification` event (`<post>.<notification>`), so a
 * client reconnecting with `Last-Event-ID` is caught up from the posts and notifications
 * tables on whichever instance it reaches, with nothing kept in any instance's memory.
 */
export class EventPosition {
  constructor(
    readonly post: number,
    readonly notification: number,
  ) {}

  /** undefined for anything this API did not give as an id. */
  static parse(text: string): EventPosition | undefined {
    const match = /^(\d{1,16})\.(\d{1,16})$/.exec(text);
    if (!match) return undefined;
    const [post, notification] = [Number(match[1]), Number(match[2])];
    return Number.isSafeInteger(post) && Number.isSafeInteger(notification) ? new EventPosition(post, notification) : undefined;
  }

  with(change: { post?: number; notification?: number }): EventPosition {
    return new EventPosition(change.post ?? this.post, change.notification ?? this.notification);
  }

  toString(): string {
    return `${this.post}.${this.notification}`;
  }
}
