package org.opencx.routing;

import java.util.List;

/** The pipe group over fakes, with the real group's affinity rule: start at floorMod(affinity, n), first writable. */
final class FakePipes implements Pipes {
    private final List<FakePipe> pipes;

    FakePipes(List<FakePipe> pipes) {
        this.pipes = List.copyOf(pipes);
    }

    @Override
    public PipeLink pick(int affinity) {
        int n = pipes.size();
        int start = Math.floorMod(affinity, n);
        for (int i = 0; i < n; i++) {
            FakePipe p = pipes.get((start + i) % n);
            if (p.isWritable()) {
                return p;
            }
        }
        return null;
    }

    @Override
    public PipeLink ready(int index) {
        FakePipe p = index >= 0 && index < pipes.size() ? pipes.get(index) : null;
        return p != null && p.isReady() ? p : null;
    }

    @Override
    public int count() {
        return pipes.size();
    }

    @Override
    public boolean anyReady() {
        return pipes.stream().anyMatch(FakePipe::isReady);
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
}
