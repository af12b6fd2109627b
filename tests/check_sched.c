typedef int x_check_sched;
