//! An ordered parallel map: one producer feeds jobs to worker threads that share one engine, and
//! results are handed back in the order the jobs were made, whatever order they finish in.

use std::collections::BTreeMap;
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread;

/// Jobs waiting per worker: enough to keep every core busy while the producer reads ahead, few
/// enough that a crawl is never held in memory.
const QUEUE_PER_WORKER: usize = 4;

/// A worker's stack: the main thread's on Linux (8 MiB) rather than a spawned thread's 2 MiB, so
/// that a page scans on a worker whenever it scanned on the main thread before (HTML parsing and
/// the page builder recurse with the page's nesting: a page nested 12,000 deep overflowed 2 MiB).
const WORKER_STACK: usize = 8 << 20;

/// Runs `produce` on its own thread, `work` on `workers` threads, and `consume` on this one, in
/// job order. `produce` gets a sender that returns `false` once results are no longer wanted;
/// `consume` returns `false` to stop (the output pipe closed). Returns what `produce` returned.
pub fn ordered<J, O, R>(
    workers: usize,
    produce: impl FnOnce(&mut dyn FnMut(J) -> bool) -> R + Send,
    work: impl Fn(J) -> O + Sync,
    mut consume: impl FnMut(O) -> bool,
) -> R
where
    J: Send,
    O: Send,
    R: Send,
{
    let workers = workers.max(1);
    thread::scope(|s| {
        let (job_tx, job_rx) = sync_channel::<(usize, J)>(workers * QUEUE_PER_WORKER);
        let (out_tx, out_rx) = channel::<(usize, O)>();
        // Workers own the receiving end: when the last one stops, the producer's sends fail.
        let job_rx = Arc::new(Mutex::new(job_rx));
        for _ in 0..workers {
            let job_rx = Arc::clone(&job_rx);
            let out_tx = out_tx.clone();
            let work = &work;
            thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(s, move || {
                    loop {
                        let next = job_rx.lock().map(|rx| rx.recv());
                        let Ok(Ok((index, job))) = next else { break };
                        if out_tx.send((index, work(job))).is_err() {
                            break;
                        }
                    }
                })
                .expect("a worker thread starts");
        }
        drop((job_rx, out_tx));
        let producer = s.spawn(move || {
            let mut index = 0;
            let mut send = |job: J| {
                let sent = job_tx.send((index, job)).is_ok();
                index += 1;
                sent
            };
            produce(&mut send)
        });
        let mut pending = BTreeMap::new();
        let mut next = 0;
        'receive: for (index, out) in out_rx.iter() {
            pending.insert(index, out);
            while let Some(out) = pending.remove(&next) {
                next += 1;
                if !consume(out) {
                    break 'receive;
                }
            }
        }
        drop(out_rx);
        producer.join().expect("the producer does not panic")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_job_order_whatever_order_they_finish_in() {
        let mut seen = Vec::new();
        let made = ordered(
            4,
            |send| (0..200u64).take_while(|&i| send(i)).count(),
            |i| {
                // Early jobs finish last.
                std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                i * 2
            },
            |o| {
                seen.push(o);
                true
            },
        );
        assert_eq!(made, 200);
        assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn stopping_early_releases_the_producer() {
        let mut taken = 0;
        let made = ordered(
            2,
            |send| (0..100_000u32).take_while(|&i| send(i)).count(),
            |i| i,
            |_| {
                taken += 1;
                taken < 10
            },
        );
        assert!(
            made < 100_000,
            "the producer stops once results are not wanted ({made} made)"
        );
        assert_eq!(taken, 10);
    }
}
