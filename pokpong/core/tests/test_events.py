from pokpong.core.events import Event


def test_an_event_calls_each_subscriber_once_in_order_with_the_arguments():
    calls = []
    event: Event[int] = Event("something happened")

    def first(*, n):
        calls.append(("first", n))
        return 1

    def second(*, n):
        calls.append(("second", n))
        return 2

    event.subscribe(first)
    event.subscribe(second)
    event.subscribe(first)  # subscribing twice does not call twice
    assert event.announce(n=7) == [1, 2]
    assert calls == [("first", 7), ("second", 7)]
    assert event.subscribers() == [first, second]
