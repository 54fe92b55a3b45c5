package org.opencx.routing;

import java.util.List;

/** A platform node over fake pipes, with the real node's affinity rule: start at floorMod(affinity, n), first writable. */
final class FakePipes implements PlatformNode {
    private final int id;
    private final List<FakePipe> pipes;

    FakePipes(int id, List<FakePipe> pipes) {
        this.id = id;
        this.pipes = List.copyOf(pipes);
    }

    /** Node {@code id} with {@code count} pipes, numbered {@code id * 100} on. */
    static FakePipes node(int id, int count) {
        FakePipe[] pipes = new FakePipe[count];
        for (int i = 0; i < count; i++) {
            pipes[i] = new FakePipe(id * 100 + i, id);
        }
        return new FakePipes(id, List.of(pipes));
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return "ws://node-" + id + ".test/Thingworx/WS";
    }

    @Override
    public List<FakePipe> pipes() {
        return pipes;
    }

    /** The pipe a session with this affinity starts from. */
    FakePipe home(int affinity) {
        return pipes.get(Math.floorMod(affinity, pipes.size()));
    }

    FakePipe get(int index) {
        return pipes.get(index);
    }

    List<FakePipe> all() {
        return pipes;
    }

    /** Every pipe of the node lost (not yet told to the router). */
    void down() {
        pipes.forEach(FakePipe::down);
    }

    void up() {
        pipes.forEach(FakePipe::up);
    }

    /** Every pipe above (false) or below (true) its high water mark. */
    void writable(boolean w) {
        pipes.forEach(p -> p.writable(w));
    }

    /** Everything the node's pipes received, oldest first per pipe. */
    List<FakePipe> received() {
        return pipes.stream().filter(p -> p.count() > 0).toList();
    }

    int count() {
        return pipes.stream().mapToInt(FakePipe::count).sum();
    }

    void clear() {
        pipes.forEach(FakePipe::clear);
    }

    @Override
    public String toString() {
        return "node " + id;
    }
}
