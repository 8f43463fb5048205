#!/usr/bin/env python3
"""A real SMTP server for prayer-guide's tests and benchmarks: aiosmtpd's SMTP protocol with a
handler that stores every accepted message as a file, and that can be told to answer with
temporary (451), relay-busy (421) or permanent (550) failures to exercise the mailer.

Prints the port it listens on as its first line of output, then serves until killed.
"""
import argparse
import asyncio
import os

from aiosmtpd.smtp import SMTP


class Handler:
    def __init__(self, args):
        self.maildir = args.maildir
        self.reject = set(a.lower() for a in args.reject)
        self.tempfail = args.tempfail
        self.busy = args.busy
        self.delay = args.delay
        self.count = 0
        self.stored = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.count <= self.tempfail:
            return "451 4.3.0 temporary failure, try again later"
        if self.count <= self.tempfail + self.busy:
            return "421 4.3.2 service busy, closing connection"
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.maildir:
            self.stored += 1
            name = os.path.join(self.maildir, "%08d-%d.eml" % (self.stored, os.getpid()))
            with open(name + ".tmp", "wb") as f:
                f.write(envelope.original_content)
            os.replace(name + ".tmp", name)
        return "250 2.0.0 OK queued"


async def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--maildir", help="store accepted messages here (omit to discard them)")
    p.add_argument("--reject", action="append", default=[], help="answer 550 for this recipient")
    p.add_argument("--tempfail", type=int, default=0, help="answer 451 to the first N messages")
    p.add_argument("--busy", type=int, default=0, help="then answer 421 to the next N messages")
    p.add_argument("--delay", type=float, default=0.0, help="seconds to wait before accepting")
    args = p.parse_args()
    if args.maildir:
        os.makedirs(args.maildir, exist_ok=True)
    handler = Handler(args)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="test.invalid", data_size_limit=10_000_000),
        host="127.0.0.1",
        port=args.port,
        backlog=512,
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
